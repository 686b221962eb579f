import {html, nothing} from 'lit';
import {formatDateTime, isoTime, mailFailure} from './format.js';
import type {RoomFeedback} from './types.js';

/** Readable names of Rocket.Chat's survey items (`agentResposiveness` is RC's spelling). */
const ITEM_LABELS: Record<string, string> = {
  satisfaction: 'Satisfaction',
  agentKnowledge: 'Agent knowledge',
  agentResposiveness: 'Agent responsiveness',
  agentFriendliness: 'Agent friendliness',
};

/** The visitor's rating, comment and transcript requests of a chat; nothing when there is none. */
export function renderFeedback(feedback: RoomFeedback | null) {
  if (
    !feedback ||
    (feedback.answers.length === 0 && !feedback.comment && feedback.transcripts.length === 0)
  ) {
    return nothing;
  }
  return html`<section class="feedback" aria-labelledby="feedback-title">
    <h3 id="feedback-title">Visitor feedback</h3>
    ${
      feedback.answers.length > 0 || feedback.comment
        ? html`<dl>
            ${feedback.answers.map(
              (a) =>
                html`<div>
                  <dt>${ITEM_LABELS[a.name] ?? a.name}</dt>
                  <dd dir="auto">${a.value}</dd>
                </div>`,
            )}
            ${
              feedback.comment
                ? html`<div>
                    <dt>Comment</dt>
                    <dd>${feedback.comment}</dd>
                  </div>`
                : nothing
            }
          </dl>`
        : nothing
    }
    ${
      feedback.transcripts.length > 0
        ? html`<ul aria-label="Transcript requests">
            ${feedback.transcripts.map(
              (t) =>
                html`<li>
                  Transcript requested for <bdi class="email">${t.email}</bdi>
                  <time datetime=${isoTime(t.requestedAt)}>${formatDateTime(t.requestedAt)}</time>
                  (${
                    t.isSent
                      ? 'Mail: sent'
                      : t.isPending
                        ? 'Mail: not sent yet — retrying'
                        : t.failure !== undefined
                          ? mailFailure(t.failure)
                          : 'Mail: not sent'
                  })
                </li>`,
            )}
          </ul>`
        : nothing
    }
  </section>`;
}
