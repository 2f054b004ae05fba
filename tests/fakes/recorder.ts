import { layout } from '../../src/chat/render.ts';
import { RENDERERS } from '../../src/chat/renderers.ts';
import type {
  ChannelAddress,
  ChatPort,
  OutFile,
  OutMessage,
  Platform,
} from '../../src/core/port.ts';

export interface Recorded {
  kind: 'drop' | 'thread' | 'react' | 'upload' | 'notify' | 'post' | 'direct';
  member?: string;
  channel: ChannelAddress;
  ref: string;
  threadRef?: string;
  message?: OutMessage;
  threadName?: string;
  emoji?: string;
  file?: OutFile;
}

/**
 * An in-memory ChatPort that records every call, for driving the practice service. Messages are
 * recorded as its platform's renderer shows them (`body` in the platform's markup), one record
 * a part.
 */
export class RecordingPort implements ChatPort {
  readonly records: Recorded[] = [];
  /** Set to make the next calls throw, as a platform refusing would. */
  failWith: Error | null = null;
  private seq = 0;

  constructor(
    readonly platform: Platform = 'console',
    readonly maxChars = 2000,
  ) {}

  private next(prefix: string) {
    if (this.failWith) throw this.failWith;
    return `${prefix}${++this.seq}`;
  }

  /** The message as its platform's messages. */
  private render(message: OutMessage): OutMessage[] {
    return layout(message, RENDERERS[this.platform], this.maxChars);
  }

  private one(message: OutMessage): OutMessage {
    return this.render(message)[0] ?? { body: '' };
  }

  async postDrop(channel: ChannelAddress, out: OutMessage, threadName: string) {
    const ref = this.next('m');
    const message = this.one(out);
    this.records.push({ kind: 'drop', channel, ref, threadRef: `t${ref}`, message, threadName });
    return { messageRef: ref, threadRef: `t${ref}` };
  }

  async postInThread(channel: ChannelAddress, threadRef: string, out: OutMessage) {
    let first: string | undefined;
    for (const message of this.render(out)) {
      const ref = this.next('m');
      this.records.push({ kind: 'thread', channel, ref, threadRef, message });
      first ??= ref;
    }
    return first as string;
  }

  async postInChannel(channel: ChannelAddress, out: OutMessage) {
    const ref = this.next('m');
    this.records.push({ kind: 'post', channel, ref, message: this.one(out) });
    return ref;
  }

  async sendDirect(channel: ChannelAddress, member: string, out: OutMessage) {
    const ref = this.next('d');
    this.records.push({ kind: 'direct', channel, ref, member, message: this.one(out) });
  }

  async react(channel: ChannelAddress, messageRef: string, emoji: string) {
    if (this.failWith) throw this.failWith;
    this.records.push({ kind: 'react', channel, ref: messageRef, emoji });
  }

  async notifyMember(channel: ChannelAddress, member: string, out: OutMessage) {
    const ref = this.next('n');
    this.records.push({ kind: 'notify', channel, ref, member, message: this.one(out) });
  }

  async uploadFile(channel: ChannelAddress, threadRef: string | null, file: OutFile) {
    const ref = this.next('f');
    this.records.push({ kind: 'upload', channel, ref, ...(threadRef ? { threadRef } : {}), file });
  }

  link(_channel: ChannelAddress, messageRef: string) {
    return `https://chat.example/${messageRef}`;
  }

  of(kind: Recorded['kind']) {
    return this.records.filter((r) => r.kind === kind);
  }
}
