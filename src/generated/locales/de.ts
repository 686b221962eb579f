
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'composer.counter-left': str`Verbleibende Zeichen: ${0}`,
'composer.counter-over': str`Zeichen über dem Limit: ${0}`,
'composer.label': `Nachricht`,
'composer.placeholder': `Nachricht eingeben…`,
'composer.send': `Senden`,
'launcher.close': `Chat schließen`,
'launcher.open': `Chat öffnen`,
'launcher.unread': str`Ungelesene Nachrichten: ${0}`,
'live-chat.title': `Chat`,
'live-chat.welcome': `Hallo! Wie können wir Ihnen heute helfen?`,
'message-list.closed': `Der Chat wurde geschlossen`,
'message-list.failed': `Nicht gesendet`,
'message-list.joined': str`${0} ist dem Chat beigetreten`,
'message-list.label': `Unterhaltung`,
'message-list.left': str`${0} hat den Chat verlassen`,
'message-list.retry': `Erneut senden`,
'message-list.sending': `Wird gesendet…`,
'message-list.transferred': `Der Chat wurde weitergeleitet`,
'message-list.typing': `Der Mitarbeiter schreibt…`,
'message-list.you': `Sie`,
'window.cancel': `Abbrechen`,
'window.confirm-end': `Möchten Sie diesen Chat beenden?`,
'window.connecting': `Verbindung wird hergestellt…`,
'window.end': `Chat beenden`,
'window.ended': `Dieser Chat wurde beendet`,
'window.minimize': `Chat minimieren`,
'window.new-chat': `Neuen Chat starten`,
'window.offline': `Zurzeit ist kein Mitarbeiter erreichbar.`,
'window.reconnecting': `Verbindung unterbrochen. Neuer Verbindungsversuch…`,
    };
  