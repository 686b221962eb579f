import type {RcCustomField} from '../../core/protocol/index.js';
import {LivechatError, plainError} from '../errors.js';
import type {LivechatContext} from './context.js';
import type {LivechatSettings} from './settings.js';

/** A custom field value as the visitor API carries it. */
export interface CustomFieldValue {
  key: string;
  value: string;
  overwrite?: boolean;
}

/** A value checked against its configured field. */
export interface CheckedField {
  key: string;
  value: string;
  overwrite: boolean;
  scope: 'visitor' | 'room';
}

function accepts(field: RcCustomField, value: string): boolean {
  if (value === '') return true;
  if (field.type === 'select') {
    const options = (field.options ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    return options.length === 0 || options.includes(value);
  }
  if (!field.regexp) return true;
  try {
    return new RegExp(field.regexp).test(value);
  } catch {
    // A broken pattern in the config must not lock visitors out.
    return true;
  }
}

/**
 * Checks values against the configured custom fields: unknown keys are skipped (`skipUnknown`)
 * or refused with `invalid-custom-field`; a value that fails the field's regexp or options is
 * refused with `invalid-custom-field-value` and `details.field`, so a form can show it in place.
 */
export function checkCustomFields(
  settings: LivechatSettings,
  values: readonly CustomFieldValue[],
  skipUnknown: boolean,
): CheckedField[] {
  const checked: CheckedField[] = [];
  for (const {key, value, overwrite = true} of values) {
    const field = settings.customFields.find((f) => f._id === key);
    if (!field) {
      if (skipUnknown) continue;
      throw plainError('invalid-custom-field');
    }
    if (!accepts(field, value)) {
      throw new LivechatError(
        'invalid-custom-field-value',
        'meteor',
        `Invalid value for ${field.label} field`,
        400,
        {field: key},
      );
    }
    checked.push({key, value, overwrite, scope: field.scope === 'room' ? 'room' : 'visitor'});
  }
  return checked;
}

/**
 * Stores checked values: visitor-scoped ones on the visitor (`livechatData`), room-scoped ones
 * on the visitor's open room, as Rocket.Chat's `setCustomFields` does.
 */
export function storeCustomFields(
  ctx: LivechatContext,
  token: string,
  fields: readonly CheckedField[],
): void {
  const room = ctx.rooms.findOpenByToken(token);
  for (const field of fields) {
    if (field.scope === 'visitor') {
      ctx.visitors.setCustomField(token, field.key, field.value, field.overwrite);
      continue;
    }
    if (!room) continue;
    ctx.rooms.updateData(room._id, (data) => {
      const current = (data.livechatData as Record<string, string> | undefined) ?? {};
      if (field.overwrite || current[field.key] === undefined) current[field.key] = field.value;
      data.livechatData = current;
    });
  }
}
