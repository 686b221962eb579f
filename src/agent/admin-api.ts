import {WEEKDAYS, isObject, type OpeningTime, type Weekday} from '../core/protocol/index.js';
import {request} from './api.js';
import type {AgentSession} from './types.js';

export {WEEKDAYS, type OpeningTime, type Weekday};

/** A department as the Settings screen edits it. */
export interface AdminDepartment {
  _id: string;
  name: string;
  showOnRegistration: boolean;
  showOnOfflineForm?: boolean;
  /** Usernames of its agents; empty: every agent. */
  agents: string[];
}

/** The server settings the Settings screen edits (the server holds more). */
export interface AdminSettings {
  title: string;
  color: string;
  offlineTitle: string;
  offlineColor: string;
  offlineMessage: string;
  offlineSuccessMessage: string;
  registrationFormMessage: string;
  conversationFinishedMessage: string;
  transcriptMessage: string;
  smtpUrl: string;
  mailFrom: string;
  offlineEmail: string;
  /** Files of chats closed more than this many days ago are deleted; 0 keeps them. */
  fileUploadRetentionDays: number;
  /** Chats closed more than this many days ago are deleted; 0 keeps them. */
  chatRetentionDays: number;
  /** Open chats the visitor left unanswered this many minutes are closed; 0: never. */
  visitorInactivityCloseMinutes: number;
  /** What the visitor sees as such a chat ends (`{minutes}` is replaced). */
  visitorInactivityCloseMessage: string;
  businessHours: {
    enabled: boolean;
    timeZone: string;
    days: Partial<Record<Weekday, OpeningTime | null>>;
  };
  departments: AdminDepartment[];
}

/** An agent account as the Settings screen lists it. */
export interface AdminAgent {
  username: string;
  name: string;
  isAdmin: boolean;
  openChats: number;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function parseSettings(body: unknown): AdminSettings {
  const s = isObject(body) && isObject(body.settings) ? body.settings : {};
  const hours = isObject(s.businessHours) ? s.businessHours : {};
  const days = isObject(hours.days) ? hours.days : {};
  const departments = Array.isArray(s.departments) ? s.departments : [];
  return {
    title: str(s.title),
    color: str(s.color),
    offlineTitle: str(s.offlineTitle),
    offlineColor: str(s.offlineColor),
    offlineMessage: str(s.offlineMessage),
    offlineSuccessMessage: str(s.offlineSuccessMessage),
    registrationFormMessage: str(s.registrationFormMessage),
    conversationFinishedMessage: str(s.conversationFinishedMessage),
    transcriptMessage: str(s.transcriptMessage),
    smtpUrl: str(s.smtpUrl),
    mailFrom: str(s.mailFrom),
    offlineEmail: str(s.offlineEmail),
    fileUploadRetentionDays:
      typeof s.fileUploadRetentionDays === 'number' ? s.fileUploadRetentionDays : 0,
    chatRetentionDays: typeof s.chatRetentionDays === 'number' ? s.chatRetentionDays : 0,
    visitorInactivityCloseMinutes:
      typeof s.visitorInactivityCloseMinutes === 'number' ? s.visitorInactivityCloseMinutes : 0,
    visitorInactivityCloseMessage: str(s.visitorInactivityCloseMessage),
    businessHours: {
      enabled: hours.enabled === true,
      timeZone: str(hours.timeZone) || 'UTC',
      days: Object.fromEntries(
        WEEKDAYS.map((day) => {
          const d = days[day];
          return [day, isObject(d) ? {open: str(d.open), close: str(d.close)} : null];
        }),
      ),
    },
    departments: departments.filter(isObject).map((d) => ({
      _id: str(d._id),
      name: str(d.name),
      showOnRegistration: d.showOnRegistration !== false,
      ...(typeof d.showOnOfflineForm === 'boolean' ? {showOnOfflineForm: d.showOnOfflineForm} : {}),
      agents: Array.isArray(d.agents)
        ? d.agents.filter((a): a is string => typeof a === 'string')
        : [],
    })),
  };
}

/** The admin-only calls of the Settings screen (`/api/v1/livechat/admin/…`). */
export class AdminApi {
  constructor(
    private readonly baseUrl: string,
    private readonly session: AgentSession,
  ) {}

  private call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    return request(`${this.baseUrl}/api/v1/${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : {'content-type': 'application/json'}),
        'X-User-Id': this.session.userId,
        'X-Auth-Token': this.session.authToken,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Whether this agent has the `admin` role (`GET me`). */
  async isAdmin(): Promise<boolean> {
    const body = await this.call('GET', 'me');
    return isObject(body) && Array.isArray(body.roles) && body.roles.includes('admin');
  }

  async settings(): Promise<AdminSettings> {
    return parseSettings(await this.call('GET', 'livechat/admin/settings'));
  }

  /** Saves some settings; answers all of them as the server now has them. */
  async saveSettings(values: Partial<AdminSettings>): Promise<AdminSettings> {
    return parseSettings(await this.call('POST', 'livechat/admin/settings', {settings: values}));
  }

  async agents(): Promise<AdminAgent[]> {
    const body = await this.call('GET', 'livechat/admin/agents');
    const list = isObject(body) && Array.isArray(body.agents) ? body.agents : [];
    return list.filter(isObject).map((a) => ({
      username: str(a.username),
      name: str(a.name),
      isAdmin: a.isAdmin === true,
      openChats: typeof a.openChats === 'number' ? a.openChats : 0,
    }));
  }

  async addAgent(agent: {username: string; name: string; password: string; admin: boolean}) {
    await this.call('POST', 'livechat/admin/agents', agent);
  }

  async removeAgent(username: string): Promise<void> {
    await this.call('POST', 'livechat/admin/agents.remove', {username});
  }

  async setPassword(username: string, password: string): Promise<void> {
    await this.call('POST', 'livechat/admin/agents.password', {username, password});
  }
}
