-- Shared by every scenario: one machine-readable line at the end of a wrk run.
-- RESULT <requests> <seconds> <p50 ms> <p99 ms> <socket errors> <non-2xx/3xx answers>
function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("RESULT %d %.3f %.3f %.3f %d %d\n", summary.requests, summary.duration / 1e6,
		latency:percentile(50) / 1000, latency:percentile(99) / 1000,
		e.connect + e.read + e.write + e.timeout, e.status))
end
