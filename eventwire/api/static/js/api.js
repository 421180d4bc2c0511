// Talk to the eventwire API on the same origin; errors carry the server's "detail" text.

export class ApiError extends Error {}

/** GET a JSON endpoint with query parameters (empty values are left out). */
export async function getJSON(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined && value !== false) {
      query.set(key, String(value));
    }
  }
  const qs = query.toString();
  const response = await fetch(qs ? `${path}?${qs}` : path, {
    headers: { Accept: "application/json" },
  });
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (typeof body.detail === "string") detail = body.detail;
      else if (Array.isArray(body.detail)) {
        detail = body.detail.map((d) => `${(d.loc || []).slice(-1)[0]}: ${d.msg}`).join("; ");
      }
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(`${path}: ${detail}`);
  }
  return response.json();
}
