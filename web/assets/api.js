// The page's calls to the fareflow v1 API on its own origin (docs/api.md). Every failure becomes
// an ApiError whose `hint` says what the reader can do about it.

export class ApiError extends Error {
  constructor(status, code, message, field, hint) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field || '';
    this.hint = hint || '';
  }
}

const hints = {
  401: 'This fareflow server requires an API key, which the search page cannot send. ' +
    'Use the API with a key (docs/api.md), or run the server without client keys to use the page.',
  403: 'The API key does not allow searches.',
  404: 'The search has expired. Search again.',
  429: 'Too many searches in a short time. Wait a few seconds and try again.',
  503: 'The server is busy. Wait a few seconds and try again.',
};

async function errorOf(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: a proxy's page, say
  }
  const e = body && body.error;
  const message = (e && e.message) || `The server answered ${res.status} ${res.statusText}`;
  const hint = res.status === 400 ? 'Check the search and try again.' :
    hints[res.status] || 'Try again in a moment.';
  return new ApiError(res.status, (e && e.code) || 'http_error', message, e && e.field, hint);
}

function networkError(err) {
  if (err && err.name === 'AbortError') throw err;
  return new ApiError(0, 'network', 'The server could not be reached.',
    '', 'Check the connection and that fareflow is running, then try again.');
}

async function getJson(url, options = {}) {
  let res;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' }, ...options });
  } catch (err) {
    throw networkError(err);
  }
  if (!res.ok) throw await errorOf(res);
  return res.json();
}

const post = (url, body, signal) => getJson(url, {
  method: 'POST', signal, body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
});

export const places = (query, signal) =>
  getJson(`/v1/places?limit=8&query=${encodeURIComponent(query)}`, { signal });

export const calendar = (request, signal) => post('/v1/calendars', request, signal);

// GET /v1/searches/{id}/offers with `params` ([name, value] pairs).
export function refine(searchId, params, signal) {
  const query = new URLSearchParams(params).toString();
  return getJson(`/v1/searches/${encodeURIComponent(searchId)}/offers?${query}`, { signal });
}

// Reads Server-Sent Events from `body` and calls onEvent(name, parsed JSON) for each.
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  let name = 'message';
  let data = [];
  const line = (text) => {
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text === '') {
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
      name = 'message';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += value;
    let newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
      line(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
    }
  }
  if (pending) line(pending);
  line('');
}

// POST /v1/searches asking for a stream; onEvent('supplier' | 'results' | 'done', data). A server
// that answers JSON instead (no streaming) gives one 'done'. Resolves after 'done'.
export async function search(request, onEvent, signal) {
  let res;
  try {
    res = await fetch('/v1/searches', {
      method: 'POST', signal, body: JSON.stringify(request),
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    });
  } catch (err) {
    throw networkError(err);
  }
  if (!res.ok) throw await errorOf(res);
  if (!(res.headers.get('Content-Type') || '').startsWith('text/event-stream')) {
    onEvent('done', await res.json());
    return;
  }
  let finished = false;
  try {
    await readEvents(res.body, (name, data) => {
      if (name === 'done') finished = true;
      onEvent(name, data);
    });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    if (!finished) throw networkError(err);
  }
  if (!finished) {
    throw new ApiError(0, 'cut', 'The answer stopped before the search finished.', '',
      'Search again.');
  }
}
