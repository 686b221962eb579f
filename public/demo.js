// Demo page behaviour. Kept out of index.html so the page works under a strict CSP.
const chat = document.querySelector('live-chat');
const language = document.getElementById('chat-language');

// "Automatic" leaves the widget to pick: the server's language, the page's, the browser's.
language?.addEventListener('change', () => {
  if (language.value) chat.lang = language.value;
  else chat.removeAttribute('lang');
});

document.getElementById('ask')?.addEventListener('click', () => chat.show());

// Tell the shop's agents which part of the page the visitor is looking at (their console lists
// the pages visited): once a chat starts, and on each move to another section.
function reportPage() {
  const section = document.getElementById(location.hash.slice(1))?.querySelector('h2');
  const title = section ? `${section.textContent} · ${document.title}` : document.title;
  chat.client?.pageVisited({url: location.href, title}).catch(() => undefined);
}
chat.addEventListener('lc-chat-started', reportPage);
addEventListener('hashchange', reportPage);
