// Demo page behaviour. Kept out of index.html so the page works under a strict CSP.
const chat = document.querySelector('live-chat');
const language = document.getElementById('chat-language');

// "Automatic" leaves the widget to pick: the server's language, the page's, the browser's.
language?.addEventListener('change', () => {
  if (language.value) chat.lang = language.value;
  else chat.removeAttribute('lang');
});

document.getElementById('ask')?.addEventListener('click', () => chat.show());
