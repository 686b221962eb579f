/** Where a form's last submission stands; `<live-chat>` sets it, the form only shows it. */
export const FormStatus = {
  IDLE: 'idle',
  SENDING: 'sending',
  SENT: 'sent',
  FAILED: 'failed',
} as const;

/** One of `FormStatus`. */
export type FormStatus = (typeof FormStatus)[keyof typeof FormStatus];

/**
 * Why a field or a submission failed, as a code the form turns into localized text:
 * client checks (`required`, `email`, `pattern`, `choose`), a refused choice (`invalid`) or a
 * `LiveChatError` code.
 */
export type FormErrorCode = string;

/** A failed submission: its code, and the field it belongs to when the server named one. */
export interface FormError {
  code: FormErrorCode;
  field?: string;
}

/** The state of one form's submission. */
export interface FormState {
  status: FormStatus;
  error?: FormError;
}

/** A form nobody has submitted yet. */
export const IDLE_FORM: FormState = Object.freeze({status: FormStatus.IDLE});

/** The submissions of every form of the widget. */
export interface FormStates {
  register: FormState;
  offline: FormState;
  transcript: FormState;
  rating: FormState;
}

/** Every form idle. */
export const IDLE_FORMS: FormStates = Object.freeze({
  register: IDLE_FORM,
  offline: IDLE_FORM,
  transcript: IDLE_FORM,
  rating: IDLE_FORM,
});

/**
 * Whether `value` matches a custom field's server-given `regexp`; a pattern that does not
 * compile checks nothing, so a broken config never locks visitors out.
 */
export function matchesPattern(value: string, pattern: string | undefined): boolean {
  if (!pattern) return true;
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return true;
  }
}
