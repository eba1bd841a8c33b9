/**
 * Incremental parser for a text/event-stream body (WHATWG HTML §9.2.6), fed chunk by chunk:
 * Node has no EventSource, so main reads the coordinator's stream with fetch.
 */

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | null = null;
  private sawField = false;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const messages: SseMessage[] = [];
    for (;;) {
      const end = this.buffer.search(/\r\n|\r|\n/);
      if (end === -1) break;
      // A lone \r at the end of a chunk may be the first half of \r\n: wait for more.
      if (this.buffer[end] === '\r' && end === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + (this.buffer.startsWith('\r\n', end) ? 2 : 1));
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else return null;
    this.sawField = true;
    return null;
  }

  private dispatch(): SseMessage | null {
    const message: SseMessage | null =
      this.sawField && this.data.length > 0
        ? { id: this.id, event: this.event || 'message', data: this.data.join('\n') }
        : null;
    this.data = [];
    this.event = '';
    this.sawField = false;
    return message;
  }
}
