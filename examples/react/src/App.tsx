// React 19 passes props to custom elements as properties and `on<event>` props as event
// listeners (for the element's own event names), so <live-chat> needs no wrapper.
import 'live-chat'; // defines <live-chat>
import type {LiveChat, Message} from 'live-chat';
import {useRef, useState, type DetailedHTMLProps, type HTMLAttributes} from 'react';

type LiveChatProps = DetailedHTMLProps<HTMLAttributes<LiveChat>, LiveChat> & {
  server: string;
  position?: 'left' | 'right';
  'guest-name'?: string;
  'onlc-message-received'?: (event: CustomEvent<{message: Message}>) => void;
  'onlc-unread-changed'?: (event: CustomEvent<{count: number}>) => void;
};

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'live-chat': LiveChatProps;
    }
  }
}

const SERVER = import.meta.env.VITE_CHAT_SERVER ?? 'http://127.0.0.1:3000';

export function App() {
  const chat = useRef<LiveChat>(null);
  const [unread, setUnread] = useState(0);
  const [last, setLast] = useState<string | null>(null);

  return (
    <main>
      <h1>Kettle &amp; Crank</h1>
      <p>
        <button type="button" onClick={() => chat.current?.show()}>
          Ask us {unread > 0 ? `(${unread} new)` : ''}
        </button>
      </p>
      {last && <p>Last message: {last}</p>}
      <live-chat
        ref={chat}
        server={SERVER}
        position="left"
        guest-name="Ada"
        onlc-message-received={(event) => setLast(event.detail.message.text)}
        onlc-unread-changed={(event) => setUnread(event.detail.count)}
      />
    </main>
  );
}
