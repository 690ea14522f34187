#!/usr/bin/env bash
# Makes docs/screenshot.png: the app in a virtual X display, on a throwaway database that holds a
# few sample reports imported with the command line. Needs xvfb, xdotool and ImageMagick.
# (Each paragraph of the sample summaries is one line: the editor shows text as it is stored.)
#
#   scripts/screenshot.sh            # writes docs/screenshot.png
#   scripts/screenshot.sh out.png    # writes elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# Inside the virtual display: start the app, open the newest report, take the picture.
if [[ "${1:-}" == "--inside-display" ]]; then
  output=$2
  "$root/target/debug/debrief" >"$DEBRIEF_WORK/app.log" 2>&1 &
  app=$!
  trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true' EXIT
  window=$(xdotool search --sync --name '^Debrief$' | head -n 1)
  # Let the webview load the library, then click the first report in the list.
  sleep 4
  xdotool mousemove --window "$window" 160 150 click 1
  sleep 2
  # Park the pointer where it hides nothing and leaves no hover highlight.
  xdotool mousemove --window "$window" 1190 770
  sleep 1
  import -window root "$output"
  exit 0
fi

output=$(realpath -m "${1:-docs/screenshot.png}")
for tool in xvfb-run xdotool import; do
  command -v "$tool" >/dev/null || { echo "screenshot.sh: $tool is missing" >&2; exit 1; }
done

[[ -f ui/dist/index.html ]] || (cd ui && npm run build)
cargo build --quiet -p debrief -p debrief-cli

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DEBRIEF_WORK=$work
export DEBRIEF_DB=$work/screenshot.db

cat >"$work/checkout.md" <<'EOF'
---
title: Checkout latency after a cache configuration change
status: in_review
severity: sev2
impact: partial
timeZone: Europe/Berlin
services: [checkout, session-cache]
tags: [cache, config]
incident:
  started: 2026-11-20T14:02:00+01:00
  detected: 2026-11-20T14:11:00+01:00
  mitigated: 2026-11-20T14:48:00+01:00
  resolved: 2026-11-20T15:10:00+01:00
participants:
  - { name: Ana Lima, role: incident_commander }
  - { name: Ben Okafor, role: responder }
  - { name: Chen Wei, role: engineering_manager }
owner: { name: Ana Lima, criterion: led_response }
---

## Summary

For 68 minutes on 20 November, about a third of checkout requests took longer than five seconds, and roughly 4% of them timed out before the order was placed.

A change to the session cache's eviction setting reached every region at once. The cache started evicting active sessions, so checkout fell back to the session database, which was not sized for that load. Rolling the setting back restored normal latency within ten minutes.

The on-call responder saw the latency alert nine minutes after the change. Deploys of cache settings now go region by region, and the fallback path gets its own load test.
EOF

cat >"$work/sso.md" <<'EOF'
---
title: Sign-in failures for SSO users during identity provider maintenance
status: draft
severity: sev3
impact: partial
timeZone: America/New_York
services: [auth-gateway]
tags: [sso, third-party]
incident:
  started: 2026-11-12T09:30:00-05:00
participants:
  - { name: Dana Reyes, role: incident_commander }
owner: { name: Dana Reyes, criterion: declared_incident }
---

## Summary

Customers who sign in through their company's identity provider could not sign in for 40 minutes.
EOF

cat >"$work/search.md" <<'EOF'
---
title: Search index rebuild filled the disks of two nodes
status: reviewed
severity: sev2
impact: partial
timeZone: Europe/Berlin
services: [search]
tags: [capacity, storage]
incident:
  started: 2026-10-08T03:15:00+02:00
participants:
  - { name: Farah Haddad, role: service_owner }
owner: { name: Farah Haddad, criterion: stabilised_service }
---

## Summary

A scheduled rebuild of the search index needed twice the disk space of the old index, and two of six nodes ran out of space. Search results were stale for about three hours.
EOF

cat >"$work/mail.md" <<'EOF'
---
title: Order confirmation e-mails delayed while the mail queue was paused
status: closed
severity: sev3
impact: partial
timeZone: Europe/London
services: [notifications]
tags: [queue]
incident:
  started: 2026-09-14T11:20:00+01:00
participants:
  - { name: Gus Novak, role: responder }
owner: { name: Gus Novak, criterion: primary_on_call }
---

## Summary

Order confirmation e-mails went out up to two hours late after a maintenance pause of the mail queue was not lifted.
EOF

cat >"$work/tls.md" <<'EOF'
---
title: Partner API refused connections after a certificate expired
status: closed
severity: sev1
impact: full
timeZone: UTC
services: [partner-api]
tags: [certificates]
incident:
  started: 2026-07-02T00:00:00Z
participants:
  - { name: Ines Costa, role: incident_commander }
owner: { name: Ines Costa, criterion: led_response }
---

## Summary

Every partner integration failed for 52 minutes because the API's TLS certificate expired at midnight and its renewal job had been failing silently.
EOF

for report in checkout sso search mail tls; do
  "$root/target/debug/debrief-cli" import "$work/$report.md" >/dev/null
done

xvfb-run -a --server-args="-screen 0 1200x780x24" "$0" --inside-display "$output"
echo "wrote $output"
