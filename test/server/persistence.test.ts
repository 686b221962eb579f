import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {api, createVisitorWithRoom, startTestServer} from '../helpers/node/server-fixture.js';

describe('persistence', () => {
  it('keeps visitors, rooms and messages across a restart with the same data folder', async () => {
    const server = await startTestServer();
    try {
      assert.ok(existsSync(join(server.dataDir, 'live-chat.sqlite')));
      const {token, rid} = await createVisitorWithRoom(server.url, {name: 'Hal'});
      await api(server.url, '/api/v1/livechat/message', {
        body: {token, rid, msg: 'before restart', _id: 'persisted-1'},
      });

      await server.restart();

      const visitor = await api(server.url, `/api/v1/livechat/visitor/${token}`);
      assert.equal(visitor.body.visitor.name, 'Hal');
      const room = await api(server.url, '/api/v1/livechat/room', {query: {token}});
      assert.equal(room.body.room._id, rid);
      assert.equal(room.body.newRoom, false);
      const resend = await api(server.url, '/api/v1/livechat/message', {
        body: {token, rid, msg: 'before restart', _id: 'persisted-1'},
      });
      assert.deepEqual(resend.body, {success: false}, 'the id is still known');
      await api(server.url, '/api/v1/livechat/message', {body: {token, rid, msg: 'after restart'}});
      const history = await api(server.url, `/api/v1/livechat/messages.history/${rid}`, {
        query: {token, limit: 2},
      });
      assert.deepEqual(
        history.body.messages.map((m: {msg: string}) => m.msg),
        ['after restart', 'before restart'],
      );
    } finally {
      await server.close();
    }
    assert.equal(existsSync(server.dataDir), false, 'the temporary folder is removed');
  });
});
