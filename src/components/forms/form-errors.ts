import {msg} from '@lit/localize';
import type {FormErrorCode} from './form-status.js';

/** The localized sentence for a form error code; call it only while rendering. */
export function formErrorText(code: FormErrorCode): string {
  switch (code) {
    case 'required':
      return msg('Please fill in this field.', {
        id: 'form.error-required',
        desc: 'Error under a required form field left empty.',
      });
    case 'email':
      return msg('Please enter a valid email address.', {
        id: 'form.error-email',
        desc: 'Error under an email field whose value is not an email address.',
      });
    case 'own-email':
      return msg('A transcript can only go to the email address you gave us.', {
        id: 'form.error-own-email',
        desc: 'Error under the transcript email field: not the address the visitor gave before.',
      });
    case 'pattern':
      return msg('Please use the expected format.', {
        id: 'form.error-pattern',
        desc: 'Error under a form field whose value does not match the required format.',
      });
    case 'invalid':
      return msg('This choice is not accepted. Please pick another.', {
        id: 'form.error-invalid',
        desc: 'Error under a form field (such as the department) whose value the server refused.',
      });
    case 'choose':
      return msg('Please choose a rating or write a comment.', {
        id: 'form.error-choose',
        desc: 'Error when the visitor sends the rating form without answering anything.',
      });
    case 'too-large':
      return msg('This text is too long.', {
        id: 'form.error-too-large',
        desc: 'Error under a form field whose text is longer than the server allows.',
      });
    case 'rate-limited':
      return msg('Too many attempts. Please wait a moment and try again.', {
        id: 'form.error-rate-limited',
        desc: 'Error when the server refuses a form because it was sent too often.',
      });
    case 'network':
      return msg('The server cannot be reached. Please try again.', {
        id: 'form.error-network',
        desc: 'Error when a form could not be sent because the network is down.',
      });
    case 'offline':
      return msg('No agent is available right now.', {
        id: 'window.offline',
        desc: 'Shown when no agent is online to take the chat.',
      });
    case 'no-active-chat':
    case 'room-closed':
    case 'invalid-room':
      return msg('This chat is no longer available.', {
        id: 'form.error-no-chat',
        desc: 'Error when a form refers to a chat the server no longer has.',
      });
    default:
      return msg('Something went wrong. Please try again.', {
        id: 'form.error-unknown',
        desc: 'Error when a form could not be sent for an unexpected reason.',
      });
  }
}
