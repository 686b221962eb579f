/** One server subscription that several ports share (same name and params). */
interface Group {
  key: string;
  serverId: string;
  name: string;
  isReady: boolean;
  members: {port: string; id: string}[];
}

/** What a port's frame turns into: a frame for the server, and answers for ports. */
export interface SubEffects {
  toServer?: object;
  toPorts: [port: string, frame: object][];
}

/**
 * The subscriptions behind a `LinkHub`: a sub that ports make alike (same name and params) goes
 * to the server once, under an id of the hub's, and stays until its last member leaves; a port
 * that joins a group already `ready` is told so at once. Each port keeps its own sub ids.
 */
export class SubGroups {
  readonly #byKey = new Map<string, Group>();
  readonly #byServerId = new Map<string, Group>();
  /** Each port's subs: its own id → group. */
  readonly #ofPort = new Map<string, Map<string, Group>>();

  readonly #newId: () => string;

  constructor(newId: () => string) {
    this.#newId = newId;
  }

  /** A port's `sub`. */
  add(port: string, id: string, name: string, params: unknown[]): SubEffects {
    const subs = this.#subsOf(port);
    if (subs.has(id)) return {toPorts: []};
    const key = JSON.stringify([name, params]);
    let group = this.#byKey.get(key);
    let toServer: object | undefined;
    if (!group) {
      group = {key, serverId: this.#newId(), name, isReady: false, members: []};
      this.#byKey.set(key, group);
      this.#byServerId.set(group.serverId, group);
      toServer = {msg: 'sub', id: group.serverId, name, params};
    }
    group.members.push({port, id});
    subs.set(id, group);
    const toPorts: SubEffects['toPorts'] = group.isReady
      ? [[port, {msg: 'ready', subs: [id]}]]
      : [];
    return {toServer, toPorts};
  }

  /** A port's `unsub` (answered `nosub` when `answer`); the last member out unsubscribes. */
  remove(port: string, id: string, answer: boolean): SubEffects {
    const subs = this.#subsOf(port);
    const group = subs.get(id);
    subs.delete(id);
    const toPorts: SubEffects['toPorts'] = answer ? [[port, {msg: 'nosub', id}]] : [];
    if (!group) return {toPorts};
    group.members = group.members.filter((m) => m.port !== port || m.id !== id);
    if (group.members.length > 0) return {toPorts};
    this.#forget(group);
    return {toServer: {msg: 'unsub', id: group.serverId}, toPorts};
  }

  /** The port left: its subs go (the server's when nobody else holds them). */
  removePort(port: string): object[] {
    const toServer: object[] = [];
    for (const id of [...this.#subsOf(port).keys()]) {
      const effects = this.remove(port, id, false);
      if (effects.toServer) toServer.push(effects.toServer);
    }
    this.#ofPort.delete(port);
    return toServer;
  }

  /** The server's `ready`: each port hears it under its own ids. */
  ready(serverIds: string[]): [string, object][] {
    const byPort = new Map<string, string[]>();
    for (const serverId of serverIds) {
      const group = this.#byServerId.get(serverId);
      if (!group || group.isReady) continue;
      group.isReady = true;
      for (const {port, id} of group.members) byPort.set(port, [...(byPort.get(port) ?? []), id]);
    }
    return [...byPort].map(([port, subs]) => [port, {msg: 'ready', subs}]);
  }

  /** The server's `nosub` (refused or ended): every member hears it. */
  nosub(serverId: string, error: unknown): [string, object][] {
    const group = this.#byServerId.get(serverId);
    if (!group) return [];
    this.#forget(group);
    return group.members.map(({port, id}) => {
      this.#ofPort.get(port)?.delete(id);
      return [port, error === undefined ? {msg: 'nosub', id} : {msg: 'nosub', id, error}];
    });
  }

  /** Whether `port` holds a sub of `collection` (a collection frame is for it). */
  wants(port: string, collection: string): boolean {
    for (const group of this.#ofPort.get(port)?.values() ?? []) {
      if (group.name === collection) return true;
    }
    return false;
  }

  /** Forgets everything (the real socket went). */
  clear(): void {
    this.#byKey.clear();
    this.#byServerId.clear();
    this.#ofPort.clear();
  }

  #subsOf(port: string): Map<string, Group> {
    let subs = this.#ofPort.get(port);
    if (!subs) this.#ofPort.set(port, (subs = new Map()));
    return subs;
  }

  #forget(group: Group): void {
    this.#byKey.delete(group.key);
    this.#byServerId.delete(group.serverId);
  }
}
