import { EventEmitter } from 'node:events';
import type { ClientReadableStream } from '@grpc/grpc-js';
import type { ControlClient } from './control-client.js';
import { IssuanceFeed } from './issuance-feed.js';

/** A server stream as the node's gRPC client returns it: headers when `answer()` is called; cancel records itself. */
class Opening extends EventEmitter {
  cancelled = false;
  answer(): void {
    this.emit('metadata', {});
  }
  cancel(): void {
    this.cancelled = true;
  }
}

function controlOpening(): { control: ControlClient; openings: Opening[] } {
  const openings: Opening[] = [];
  const control = {
    stream: () => {
      const o = new Opening();
      openings.push(o);
      return o as unknown as ClientReadableStream<unknown>;
    },
  } as unknown as ControlClient;
  return { control, openings };
}

const issue = async () => ({ certificate: '', serial: '' });

test('IssuanceFeed closed while its opening is not answered yet (a control plane that never answers): the opening is cancelled at once, and nothing is kept', async () => {
  const { control, openings } = controlOpening();
  const feed = new IssuanceFeed(control);
  const opened = feed.open(issue);
  expect(feed.opened).toBe(true);
  feed.close();
  expect(openings[0]!.cancelled).toBe(true);
  expect(feed.opened).toBe(false);
  openings[0]!.answer();
  await opened;
  expect(feed.opened).toBe(false);
});

test('IssuanceFeed: of two openings, the earlier answered last is stopped and the later stays the feed until closed', async () => {
  const { control, openings } = controlOpening();
  const feed = new IssuanceFeed(control);
  const first = feed.open(issue);
  const second = feed.open(issue);
  openings[1]!.answer();
  await second;
  openings[0]!.answer();
  await first;
  expect(openings.map((o) => o.cancelled)).toEqual([true, false]);
  feed.close();
  expect(openings[1]!.cancelled).toBe(true);
});
