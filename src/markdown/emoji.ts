// The common shortcodes only (Rocket.Chat names): the whole emoji set would outweigh the widget.
const TABLE =
  'grinning😀 smiley😃 smile😄 grin😁 laughing😆 sweat_smile😅 joy😂 rofl🤣 slight_smile🙂 ' +
  'slightly_smiling_face🙂 upside_down🙃 wink😉 blush😊 innocent😇 heart_eyes😍 ' +
  'kissing_heart😘 yum😋 stuck_out_tongue😛 stuck_out_tongue_winking_eye😜 sunglasses😎 ' +
  'nerd🤓 thinking🤔 neutral_face😐 expressionless😑 no_mouth😶 smirk😏 unamused😒 ' +
  'roll_eyes🙄 grimacing😬 relieved😌 pensive😔 sleepy😪 sleeping😴 mask😷 confused😕 ' +
  'worried😟 slight_frown🙁 open_mouth😮 hushed😯 astonished😲 flushed😳 cry😢 sob😭 ' +
  'scream😱 disappointed😞 sweat😓 weary😩 angry😠 rage😡 skull💀 ghost👻 robot🤖 ' +
  'see_no_evil🙈 wave👋 raised_hand✋ ok_hand👌 v✌️ crossed_fingers🤞 +1👍 thumbsup👍 ' +
  '-1👎 thumbsdown👎 clap👏 raised_hands🙌 pray🙏 muscle💪 point_up☝️ point_down👇 ' +
  'point_left👈 point_right👉 handshake🤝 eyes👀 heart❤️ broken_heart💔 two_hearts💕 ' +
  'blue_heart💙 green_heart💚 fire🔥 star⭐ sparkles✨ zap⚡ boom💥 100💯 tada🎉 gift🎁 ' +
  'white_check_mark✅ heavy_check_mark✔️ x❌ warning⚠️ question❓ exclamation❗ bulb💡 ' +
  'rocket🚀 bike🚲 car🚗 coffee☕ pizza🍕 beer🍺 cake🍰 sunny☀️ rainbow🌈 snowflake❄️ ' +
  'calendar📅 hourglass⌛ email📧 phone📞 iphone📱 computer💻 lock🔒 key🔑 mag🔍 link🔗 ' +
  'memo📝 package📦 moneybag💰 credit_card💳 shopping_cart🛒 wrench🔧 gear⚙️ bell🔔 ' +
  'speech_balloon💬 zzz💤 ok🆗 new🆕 sos🆘';

let emoji: Map<string, string> | null = null;

/** The Unicode emoji of a `:shortcode:` name (without the colons), if the table has it. */
export function emojiFor(name: string): string | undefined {
  if (!emoji) {
    emoji = new Map();
    for (const entry of TABLE.split(' ')) {
      const split = entry.search(/[^\w+-]/);
      emoji.set(entry.slice(0, split), entry.slice(split));
    }
  }
  return emoji.get(name);
}
