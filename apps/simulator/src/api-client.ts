/**
 * The server's public REST API as the simulator uses it: one client per logged-in user (the
 * call-taker/dispatcher, or one unit terminal). Errors carry the server's stable code; network
 * failures are retried with backoff so a live run survives a server restart.
 */
import type {
  AssignmentDto,
  CreateIncidentBody,
  GridDto,
  IncidentDto,
  LoginResponse,
  PostDto,
  RecommendationsDto,
  UnitDto,
  StandbyOrderDto,
} from '@dispatch/contracts';
import type { Resolution, UnitStatus } from '@dispatch/domain';
import type { RoadFeature } from './city-geometry.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ApiClient {
  token: string | null = null;
  user: LoginResponse['user'] | null = null;
  private credentials: { username: string; password: string } | null = null;
  /** Wraps every request (the server engine notes when the last reply came, see server-engine.ts). */
  wrapRequest: <T>(work: () => Promise<T>) => Promise<T> = (work) => work();

  constructor(
    readonly baseUrl: string,
    private readonly retries = 5,
  ) {}

  private request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.wrapRequest(() => this.send<T>(method, path, body));
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    let attempt = 0;
    for (;;) {
      let response: Response;
      try {
        response = await fetch(`${this.baseUrl}/api${path}`, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        // Connection refused/reset: the server is restarting or overloaded; back off and retry.
        if (attempt++ >= this.retries) throw error;
        await sleep(250 * 2 ** attempt);
        continue;
      }
      const text = await response.text();
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      if (response.ok) return parsed as T;
      const err = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      // Token expired (a long live run): log in again once and repeat the request.
      if (response.status === 401 && this.credentials && path !== '/auth/login' && attempt++ === 0) {
        await this.send('POST', '/auth/login', this.credentials).then((r) =>
          this.remember(r as LoginResponse),
        );
        continue;
      }
      if (response.status >= 500 && attempt++ < this.retries) {
        await sleep(250 * 2 ** attempt);
        continue;
      }
      throw new ApiError(response.status, err?.code ?? 'HTTP_ERROR', err?.message ?? text.slice(0, 200));
    }
  }

  async login(username: string, password: string): Promise<LoginResponse> {
    const result = await this.request<LoginResponse>('POST', '/auth/login', { username, password });
    this.credentials = { username, password };
    this.remember(result);
    return result;
  }

  private remember(result: LoginResponse): void {
    this.token = result.token;
    this.user = result.user;
  }

  units = () => this.request<UnitDto[]>('GET', '/units');
  grids = () => this.request<GridDto[]>('GET', '/grids');
  posts = () => this.request<PostDto[]>('GET', '/posts');
  roads = () => this.request<{ type: 'FeatureCollection'; features: RoadFeature[] }>('GET', '/map/roads');
  createIncident = (body: CreateIncidentBody) => this.request<IncidentDto>('POST', '/incidents', body);
  incident = (id: string) => this.request<IncidentDto>('GET', `/incidents/${id}`);
  incidents = (query: { status?: string; from?: string; limit?: number }) => {
    const qs = new URLSearchParams(
      Object.entries(query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, string] => [k, String(v)]),
    );
    return this.request<IncidentDto[]>('GET', `/incidents?${qs}`);
  };
  recommendations = (incidentId: string) =>
    this.request<RecommendationsDto>('GET', `/incidents/${incidentId}/recommendations`);
  dispatch = (incidentId: string, unitIds: string[]) =>
    this.request<{ incident: IncidentDto; assignments: AssignmentDto[] }>(
      'POST',
      `/incidents/${incidentId}/dispatch`,
      { unitIds },
    );
  resolve = (incidentId: string, resolution: Resolution) =>
    this.request<IncidentDto>('POST', `/incidents/${incidentId}/resolve`, { resolution });
  close = (incidentId: string) => this.request<IncidentDto>('POST', `/incidents/${incidentId}/close`);
  assignmentAction = (assignmentId: string, action: 'accept' | 'en_route' | 'on_scene' | 'clear') =>
    this.request<AssignmentDto>('POST', `/assignments/${assignmentId}/actions`, { action });
  setUnitStatus = (unitId: string, status: UnitStatus) =>
    this.request<UnitDto>('POST', `/units/${unitId}/status`, { status });
  standbyOrder = async (unitId: string) =>
    (await this.request<{ order: StandbyOrderDto | null }>('GET', `/units/${unitId}/standby`)).order;
}
