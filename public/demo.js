// Demo page behaviour. Kept out of index.html so the page works under a strict CSP.
const chat = document.querySelector('live-chat');
const language = document.getElementById('chat-language');

// "Automatic" leaves the widget to pick: the server's language, the page's, the browser's.
// The choice is kept, as a real site keeps its language from page to page; this script runs
// before the widget's, so a reload starts in the chosen language instead of switching to it.
const LANGUAGE_KEY = 'kettle-and-crank:chat-language';
function applyLanguage(value) {
  if (value) chat.lang = value;
  else chat.removeAttribute('lang');
}
try {
  const kept = localStorage.getItem(LANGUAGE_KEY);
  if (kept && language?.querySelector(`option[value="${CSS.escape(kept)}"]`)) {
    language.value = kept;
    applyLanguage(kept);
  }
} catch {
  // Storage blocked: the page starts on Automatic.
}
language?.addEventListener('change', () => {
  applyLanguage(language.value);
  try {
    if (language.value) localStorage.setItem(LANGUAGE_KEY, language.value);
    else localStorage.removeItem(LANGUAGE_KEY);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
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
