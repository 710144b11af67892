/**
 * The `/admin` demo page: loads `/widget.js` and renders the diagnostics widget against this
 * same server. Static HTML with no inline script, so a strict Content-Security-Policy holds. The
 * widget owns the page's fragment (`deep-link`): `/admin#user=<uuid>` reopens a report after
 * sign-in, so a report can be shared in an incident channel.
 *
 * @module
 */

/** The demo page's HTML. */
export function adminPageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>3dEye provisioning diagnostics · admin</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1b1f24; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  p.lead { margin: 0 0 1.5rem; color: #57606a; }
  noscript { display: block; padding: 1rem; border: 1px solid #d0d7de; border-radius: .5rem; }
</style>
<script type="module" src="/widget.js"></script>
</head>
<body>
<main>
  <h1>3dEye provisioning diagnostics</h1>
  <p class="lead">Look up a user by ID or email. Credentials you enter stay in this page's memory
  only; a link to a report holds the user ID alone.</p>
  <spkey-threedeye-diagnostics api-base="" user-id="" deep-link></spkey-threedeye-diagnostics>
  <noscript>This page needs JavaScript to load the diagnostics widget.</noscript>
</main>
</body>
</html>
`;
}
