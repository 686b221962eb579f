import {html} from 'lit';
import {property, query} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
import type {RcDepartment} from '../../core/index.js';
import {emit} from '../../events/emit.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {controlStyles} from '../../styles/controls.styles.js';
import {forcedColorsStyles} from '../../styles/forced-colors.styles.js';
import {switchIcon} from '../icons.js';
import {PopupElement, popupStyles} from '../popup/popup-element.js';
import {styles} from './department-switcher.styles.js';

/**
 * The header's "Change department" button, which opens a small panel with a "Department"
 * list, for servers that let visitors switch (`allowSwitchingDepartments`). Escape or leaving the
 * panel closes it; focus goes back to the button.
 * @fires lc-set-department - The visitor picks another department. Detail: `{department}`.
 */
@localized()
export class LcDepartmentSwitcher extends PopupElement {
  static override styles = [sharedStyles, controlStyles, forcedColorsStyles, popupStyles, styles];

  @query('select') private select!: HTMLSelectElement | null;

  /** The departments the visitor may pick. */
  @property({attribute: false}) departments: readonly RcDepartment[] = [];

  /** The current department's id. */
  @property() value = '';

  private async open(): Promise<void> {
    this.isOpen = true;
    await this.updateComplete;
    this.select?.focus();
  }

  private handleToggle(): void {
    if (this.isOpen) void this.close();
    else void this.open();
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const department = this.select?.value ?? '';
    if (department && department !== this.value) emit(this, 'lc-set-department', {department});
    void this.close();
  }

  override render() {
    return html`<div @keydown=${this.handleKeydown} @focusout=${this.handleFocusOut}>
      <button
        class="icon-button toggle"
        type="button"
        aria-label=${msg('Change department', {
          id: 'department.menu',
          desc: 'Button that opens the choice of another department for this chat.',
        })}
        aria-expanded=${this.isOpen ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.handleToggle}
      >
        ${switchIcon}
      </button>
      <form id="panel" class="popup panel" ?hidden=${!this.isOpen} @submit=${this.handleSubmit}>
        <label for="department">
          ${msg('Department', {id: 'form.department', desc: 'Label of the department choice.'})}
        </label>
        <select id="department">
          ${this.departments.map(
            (d) =>
              html`<option value=${d._id} ?selected=${d._id === this.value}>${d.name}</option>`,
          )}
        </select>
        <button class="button button-primary" type="submit">
          ${msg('Switch department', {
            id: 'department.submit',
            desc: 'Button that moves the chat to the chosen department.',
          })}
        </button>
      </form>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-department-switcher': LcDepartmentSwitcher;
  }
}
