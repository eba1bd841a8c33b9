import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../src/main/sse-parser';

describe('SSE parser', () => {
  it('parses messages with id, event and multi-line data', () => {
    const parser = new SseParser();
    expect(parser.push('id: 7\nevent: board\ndata: {"a":1}\ndata: {"b":2}\n\n')).toEqual([
      { id: '7', event: 'board', data: '{"a":1}\n{"b":2}' },
    ]);
  });

  it('joins chunks split anywhere, CRLF included', () => {
    const parser = new SseParser();
    const stream = 'id: 1\r\ndata: one\r\n\r\nid: 2\r\ndata: two\r\n\r\n';
    const messages = [...stream].flatMap((character) => parser.push(character));
    expect(messages).toEqual([
      { id: '1', event: 'message', data: 'one' },
      { id: '2', event: 'message', data: 'two' },
    ]);
  });

  it('skips comments (keep-alives) and blocks without data', () => {
    const parser = new SseParser();
    expect(parser.push(': ping\n\nid: 3\n\nretry: 1000\n\ndata:x\n\n')).toEqual([
      { id: '3', event: 'message', data: 'x' },
    ]);
  });

  it('keeps the last id for messages that do not repeat it', () => {
    const parser = new SseParser();
    expect(parser.push('id: 4\ndata: a\n\ndata: b\n\n').map((message) => message.id)).toEqual(['4', '4']);
  });

  it('holds an unterminated message until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('data: half')).toEqual([]);
    expect(parser.push('\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ id: null, event: 'message', data: 'half' }]);
  });
});
