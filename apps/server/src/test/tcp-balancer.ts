/**
 * A TCP round-robin balancer for the failover drill, standing in for HAProxy in `mode tcp` with
 * `balance roundrobin` (deploy/haproxy.cfg): each client connection goes to the next backend that
 * accepts it, and dies with its backend, so its client reconnects through the balancer again.
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export interface Balancer {
  port: number;
  /** Open client connections per backend port. */
  open(): Map<number, number>;
  close(): Promise<void>;
}

export async function startBalancer(backends: readonly number[]): Promise<Balancer> {
  let next = 0;
  const open = new Map<number, Set<Socket>>(backends.map((b) => [b, new Set()]));
  const route = (client: Socket, tried = 0): void => {
    if (tried >= backends.length) {
      client.destroy();
      return;
    }
    const port = backends[next++ % backends.length]!;
    const upstream = connect({ host: '127.0.0.1', port });
    // Refused (the node is down): the next backend, as a balancer's health check would.
    upstream.once('error', () => {
      upstream.destroy();
      if (!client.destroyed) route(client, tried + 1);
    });
    upstream.once('connect', () => {
      upstream.removeAllListeners('error');
      open.get(port)!.add(client);
      client.pipe(upstream);
      upstream.pipe(client);
      const drop = () => {
        open.get(port)!.delete(client);
        client.destroy();
        upstream.destroy();
      };
      upstream.on('close', drop).on('error', drop);
      client.on('close', drop).on('error', drop);
      client.resume();
    });
  };
  const server: Server = createServer({ pauseOnConnect: true }, (client) => route(client));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    open: () => new Map([...open].map(([port, set]) => [port, set.size])),
    close: async () => {
      for (const set of open.values()) for (const s of set) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
