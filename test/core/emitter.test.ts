import {expect} from '@open-wc/testing';
import {Emitter, observableSymbol, type EmitterEvent} from '../../src/core/emitter.js';

interface Events {
  greet: {name: string};
  count: {n: number};
  error: {error: unknown};
}

describe('Emitter', () => {
  it('calls listeners in order with the detail, and on() returns an unsubscribe function', () => {
    const emitter = new Emitter<Events>();
    const seen: string[] = [];
    const off = emitter.on('greet', ({name}) => seen.push(`a:${name}`));
    emitter.on('greet', ({name}) => seen.push(`b:${name}`));
    emitter.emit('greet', {name: 'x'});
    off();
    emitter.emit('greet', {name: 'y'});
    expect(seen).to.deep.equal(['a:x', 'b:x', 'b:y']);
  });

  it('off() removes a listener and once() fires a single time', () => {
    const emitter = new Emitter<Events>();
    const counts: number[] = [];
    const fn = ({n}: {n: number}) => counts.push(n);
    emitter.on('count', fn);
    emitter.off('count', fn);
    emitter.once('count', ({n}) => counts.push(n * 10));
    emitter.emit('count', {n: 1});
    emitter.emit('count', {n: 2});
    expect(counts).to.deep.equal([10]);
  });

  it('reports a throwing listener through error and still calls the others', () => {
    const emitter = new Emitter<Events>();
    const errors: unknown[] = [];
    const seen: number[] = [];
    emitter.on('error', ({error}) => errors.push(error));
    emitter.on('count', () => {
      throw new Error('boom');
    });
    emitter.on('count', ({n}) => seen.push(n));
    emitter.emit('count', {n: 7});
    expect(seen).to.deep.equal([7]);
    expect(errors).to.have.length(1);
    expect((errors[0] as Error).message).to.equal('boom');
  });

  it('reports a listener error as the wrapError option makes it', () => {
    const errors: unknown[] = [];
    const wrapError = (error: unknown) => ({wrapped: (error as Error).message});
    const emitter = new Emitter<Events>({wrapError});
    emitter.on('error', ({error}) => errors.push(error));
    emitter.on('greet', () => {
      throw new Error('nope');
    });
    emitter.emit('greet', {name: 'z'});
    expect(errors).to.deep.equal([{wrapped: 'nope'}]);
  });

  it('is an interop observable of {type, detail} events', () => {
    const emitter = new Emitter<Events>();
    const observable = emitter[observableSymbol]();
    expect(observable[observableSymbol]()).to.equal(observable);
    const seen: EmitterEvent<Events>[] = [];
    const completed: boolean[] = [];
    const subscription = observable.subscribe({
      next: (event) => seen.push(event),
      complete: () => completed.push(true),
    });
    emitter.emit('greet', {name: 'obs'});
    emitter.emit('count', {n: 3});
    subscription.unsubscribe();
    emitter.emit('count', {n: 4});
    expect(subscription.closed).to.equal(true);
    expect(seen).to.deep.equal([
      {type: 'greet', detail: {name: 'obs'}},
      {type: 'count', detail: {n: 3}},
    ]);
    const fnSeen: string[] = [];
    observable.subscribe((event) => fnSeen.push(event.type));
    emitter.emit('greet', {name: 'fn'});
    emitter.clear();
    emitter.emit('greet', {name: 'after clear'});
    expect(fnSeen).to.deep.equal(['greet']);
    expect(completed).to.deep.equal([]);
  });

  it('completes observable subscribers when cleared', () => {
    const emitter = new Emitter<Events>();
    let isComplete = false;
    emitter[observableSymbol]().subscribe({complete: () => (isComplete = true)});
    emitter.clear();
    expect(isComplete).to.equal(true);
  });
});
