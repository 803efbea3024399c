/**
 * Old wall-screen links carried `?token=`: a credential in a URL ends up in server, proxy and
 * browser logs, so it is no longer honoured. It is removed from the address bar (and history)
 * before the first render; wall screens sign in with a device credential instead.
 */
export function dropUrlToken(location: Location, history: History): void {
  const params = new URLSearchParams(location.search);
  if (!params.has('token')) return;
  params.delete('token');
  const search = params.toString();
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${search ? `?${search}` : ''}${location.hash}`,
  );
}
