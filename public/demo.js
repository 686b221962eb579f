// Demo page behaviour. Kept out of index.html so the page works under a strict CSP.
const chat = document.querySelector('live-chat');
const languageButtons = document.querySelectorAll('.languages [data-lang]');

for (const button of languageButtons) {
  button.addEventListener('click', () => {
    chat.lang = button.dataset.lang;
    for (const other of languageButtons) {
      other.setAttribute('aria-pressed', String(other === button));
    }
  });
}

document.getElementById('ask')?.addEventListener('click', () => chat.show());
