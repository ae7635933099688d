/** The harness CLI's usage text (docs/harness.md says the same at length). */
export const HELP = `ssbtek-harness: judges an SSBTEK v10 provider, or a client of one, against conformance suites

Usage:
  ssbtek-harness provider --target URL [options]      judge a service that answers SSBTEK v10
  ssbtek-harness client --adapter "COMMAND" [options]  judge a client (a caseworker system) through an adapter
  ssbtek-harness list [provider|client] [--suite DIR]  list the cases (id, level, title)
  ssbtek-harness --help

Provider options:
  --target URL        the SOAP endpoint judged, e.g. http://127.0.0.1:8080/ssbtek/v10
  --control URL       when the target is ssbtek-sim: its base URL (e.g. http://127.0.0.1:8080), so
                      cases can put it in the states they need (docs/harness-provider.md)
  --control-token T   the simulator's --admin-token, when it was started with one
                      (default: $SSBTEK_ADMIN_TOKEN)
  --timeout MS        timeout of each request (default 30000)
  --deadline MS       the provider's stated deadline for an answer (replaces each case's own)
  --ca FILE --cert FILE --key FILE [--passphrase X]
                      TLS: a CA bundle to trust, a client certificate and key (PEM files);
                      the key's passphrase may also come from SSBTEK_HARNESS_PASSPHRASE

Client options:
  --adapter COMMAND   the shell command that runs the client under test (docs/harness-client.md)
  --timeout MS        timeout of each adapter run (default 30000)

Common options:
  --suite DIR         the suite directory (default harness/suites/provider or harness/suites/client)
  --mapping FILE      persons by kind and the asking municipality (default harness/mappings/default.yaml)
  --grep RE           only cases whose id, title or a tag matches (case-insensitive)
  --level must|should must: only MUST cases; should (default): all
  --bail              stop after the first MUST case that fails
  --reporter R        console (default), junit:FILE, json:FILE, html:FILE; repeat for several;
                      FILE - writes to standard output

Exit codes: 0 every MUST case passed, 1 a MUST case failed, 2 bad arguments, suite or mapping
files, 3 the target could not be reached.
`;
