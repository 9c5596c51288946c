import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { InFlightRequests } from './middleware/in-flight';

/** The listening socket of the Koa app, with a drain that lets requests in progress finish. */
export class HttpServer {
  private readonly server: Server;

  constructor(
    app: Koa,
    private readonly inFlight: InFlightRequests,
  ) {
    const handle = app.callback();
    this.server = createServer((req, res) => void handle(req, res));
    this.server.keepAliveTimeout = 5000;
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 60_000;
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /**
   * Stops accepting connections, waits up to `timeoutMs` for requests in progress, then closes whatever
   * connections remain. Resolves true if every request finished in time.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    this.inFlight.startDraining();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const finished = await this.inFlight.idle(timeoutMs);
    if (finished) this.server.closeIdleConnections();
    else this.server.closeAllConnections();
    const lingering = setTimeout(() => this.server.closeAllConnections(), 1000);
    await closed;
    clearTimeout(lingering);
    return finished;
  }

  get listening(): boolean {
    return this.server.listening;
  }
}
