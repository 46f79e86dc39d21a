import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problem } from './problem-details';

const STATUS_OF_PARSER_ERROR: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'The request line and headers are larger than this server accepts (16 KB).'],
  HPE_URI_TOO_LONG: [414, 'The URL is longer than this server accepts.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request did not arrive in time.'],
};

/**
 * Node's HTTP parser answers a malformed or oversized request itself, before any framework sees it,
 * with an empty text body. This answers problem+json instead, then closes the connection (the parser's
 * state is unknown after such an error).
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const [status, detail] = STATUS_OF_PARSER_ERROR[error.code ?? ''] ?? [
      400,
      'The request is not valid HTTP.',
    ];
    const reason = STATUS_CODES[status] ?? 'Bad Request';
    const body = JSON.stringify(problem(status, detail, { title: reason }));
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });
}
