import {html, nothing} from 'lit';
import {property} from 'lit/decorators.js';
import {ifDefined} from 'lit/directives/if-defined.js';
import {localized, msg} from '@lit/localize';
import type {RcConfig} from '../../core/index.js';
import {emit} from '../../events/emit.js';
import {LcFormBase} from './form-base.js';
import {formErrorText} from './form-errors.js';
import {FormStatus, type FormErrorCode} from './form-status.js';
import {renderField} from './render-field.js';

const DEFAULT_VALUES = ['1', '2', '3', '4', '5'];

/** The visitor-facing name of a survey item: Rocket.Chat's four are translated. */
function itemLabel(item: string): string {
  switch (item) {
    case 'satisfaction':
      return msg('Overall satisfaction', {
        id: 'rating.satisfaction',
        desc: 'Survey question: how satisfied the visitor is overall (1 to 5).',
      });
    case 'agentKnowledge':
      return msg('Agent knowledge', {
        id: 'rating.knowledge',
        desc: 'Survey question: how knowledgeable the agent was (1 to 5).',
      });
    case 'agentResposiveness':
      return msg('Agent responsiveness', {
        id: 'rating.responsiveness',
        desc: 'Survey question: how quickly the agent answered (1 to 5).',
      });
    case 'agentFriendliness':
      return msg('Agent friendliness', {
        id: 'rating.friendliness',
        desc: 'Survey question: how friendly the agent was (1 to 5).',
      });
    default:
      return item;
  }
}

/**
 * The satisfaction survey of `config.survey`: one radio group per item (values 1–5), a
 * comment, sent at once. Arrow keys move within a group, as native radios do.
 * @fires lc-rate - The visitor sends at least one answer or a comment.
 *   Detail: `{answers: {[item]: value}, comment?}`.
 * @csspart form - The form.
 */
@localized()
export class LcRatingForm extends LcFormBase {
  /** The server's survey: item names and allowed values. */
  @property({attribute: false}) survey: RcConfig['survey'] | null = null;

  private get items(): string[] {
    const items = this.survey?.items;
    return Array.isArray(items) ? items.filter((i) => typeof i === 'string') : [];
  }

  private get choices(): string[] {
    const values = this.survey?.values;
    return Array.isArray(values) && values.length > 0 ? values.map(String) : DEFAULT_VALUES;
  }

  protected validate(): Record<string, FormErrorCode> {
    const answered = this.items.some((_, i) => this.values[`item-${i}`]);
    return answered || this.value('comment') || this.items.length === 0 ? {} : {'item-0': 'choose'};
  }

  protected submitValid(): void {
    const answers: Record<string, string> = {};
    this.items.forEach((item, i) => {
      const value = this.values[`item-${i}`];
      if (value) answers[item] = value;
    });
    const comment = this.value('comment');
    emit(this, 'lc-rate', {answers, ...(comment ? {comment} : {})});
  }

  private handleRadio(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.handleFieldInput(input.name, input.value);
  }

  private renderItem(item: string, i: number) {
    const id = `item-${i}`;
    const error = this.errorFor(id);
    return html`<div class="field">
      <span id="${id}-label" class="group-label" dir="auto">${itemLabel(item)}</span>
      <div
        class="radios"
        role="radiogroup"
        aria-labelledby="${id}-label"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(error ? `${id}-error` : undefined)}
      >
        ${this.choices.map(
          (value) =>
            html`<label class="radio">
              <input
                type="radio"
                name=${id}
                .value=${value}
                .checked=${this.values[id] === value}
                @change=${this.handleRadio}
              />${value}
            </label>`,
        )}
      </div>
      ${error ? html`<p id="${id}-error" class="error">${formErrorText(error)}</p>` : nothing}
    </div>`;
  }

  override render() {
    if (this.submission.status === FormStatus.SENT) {
      return this.renderDone(
        msg('Thank you for your feedback.', {
          id: 'rating.thanks',
          desc: 'Shown once the rating was sent.',
        }),
      );
    }
    return this.renderForm(
      [
        html`<h3 id="rating-title" class="form-title">
          ${msg('Rate this chat', {id: 'rating.title', desc: 'Title of the rating form.'})}
        </h3>`,
        this.items.map((item, i) => this.renderItem(item, i)),
        renderField({
          id: 'comment',
          label: msg('Comment', {id: 'rating.comment', desc: 'Label of the rating comment box.'}),
          value: this.values.comment ?? '',
          kind: 'textarea',
          onInput: this.handleFieldInput,
        }),
      ],
      msg('Send rating', {id: 'rating.submit', desc: 'Submit button of the rating form.'}),
      {labelledBy: 'rating-title'},
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-rating-form': LcRatingForm;
  }
}
