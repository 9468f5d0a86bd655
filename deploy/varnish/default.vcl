vcl 4.1;

# Varnish 7 in front of one or more Creative Cities CMS instances.
# Needs varnish-modules (Debian: varnish-modules) for xkey: every cacheable response of the CMS
# carries `Surrogate-Key` (also sent as `xkey`) with its cache tags, and every write makes the CMS
# send `PURGE` with `xkey-purge: <tags>` here (response-cache plugin, purger "varnish").
#
# Backends: set with -p or edit below. The integration test starts varnishd with this file and
# its two backend ports replaced (tests/integration/plugins/response-cache/varnish.test.ts).
# The tags (all, a:<type>, t:<type>[@<locale>], d:<documentId>[@<locale>], any) are described in
# src/plugins/response-cache/README.md, "Cache tags".

import directors;
import std;
import xkey;

backend cms1 {
  .host = "127.0.0.1";
  .port = "1337";
  .probe = { .url = "/_health"; .expected_response = 204; .interval = 1s; .timeout = 1s; .window = 3; .threshold = 2; }
}

backend cms2 {
  .host = "127.0.0.1";
  .port = "1338";
  .probe = { .url = "/_health"; .expected_response = 204; .interval = 1s; .timeout = 1s; .window = 3; .threshold = 2; }
}

# Who may purge: the CMS instances. Keep this to their addresses.
acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_init {
  new cms = directors.round_robin();
  cms.add_backend(cms1);
  cms.add_backend(cms2);
}

sub vcl_recv {
  set req.backend_hint = cms.backend();

  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    if (req.http.xkey-purge) {
      set req.http.n-gone = xkey.purge(req.http.xkey-purge);
      return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }
    return (synth(400, "PURGE needs an xkey-purge header"));
  }

  # Only anonymous reads are shared; the CMS marks everything else private anyway.
  if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(jwtToken|koa\.sess|strapi_admin_refresh)=") {
    return (pass);
  }
  # The admin panel and its API are never cached here.
  if (req.url ~ "^/(admin|content-manager|content-type-builder|i18n/|users-permissions|upload|translations|_health)") {
    return (pass);
  }
  # Previews of drafts (a preview token in the URL, and the draft they read) are for one editor:
  # never looked up or stored here (the CMS also marks them private, no-store).
  if (req.url ~ "^/preview/" || req.url ~ "[?&]preview=") {
    return (pass);
  }
  if (req.method != "GET" && req.method != "HEAD") {
    # GraphQL queries are POSTs: the CMS caches them itself; Varnish passes them on.
    return (pass);
  }
  # Compression: Varnish (http_gzip_support, on by default) asks the CMS for gzip, keeps one gzip
  # copy per URL (bodies under 1 KB come plain) and unzips it for clients that do not accept gzip;
  # brotli clients get gzip from here. A client that refuses plain bytes (`identity;q=0`, `*;q=0`)
  # is passed on, so that the CMS answers it by RFC 9110 (a coding it accepts, or 406).
  if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*(identity|\*)\s*;\s*q\s*=\s*0(\.0{0,3})?\s*(,|$)") {
    return (pass);
  }
  unset req.http.Cookie;
  return (hash);
}

sub vcl_backend_response {
  # The CMS says how long a shared cache may keep an entry (Surrogate-Control: max-age=…).
  if (beresp.http.Surrogate-Control ~ "max-age=") {
    set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, ".*max-age=([0-9]+).*", "\1") + "s", 0s);
  }
  if (beresp.http.Surrogate-Key && !beresp.http.xkey) {
    set beresp.http.xkey = beresp.http.Surrogate-Key;
  }
  if (beresp.http.Cache-Control ~ "(private|no-store)" || beresp.http.Set-Cookie) {
    set beresp.uncacheable = true;
    set beresp.ttl = 0s;
  }
  return (deliver);
}

sub vcl_deliver {
  if (obj.hits > 0) {
    set resp.http.X-Varnish-Cache = "HIT";
  } else {
    set resp.http.X-Varnish-Cache = "MISS";
  }
  unset resp.http.xkey;
  # For this cache only: browsers get the CMS's Cache-Control (revalidate with the ETag).
  unset resp.http.Surrogate-Control;
}
