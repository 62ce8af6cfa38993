-- Sliding-window log rate limiter: every limit that applies to one request, decided
-- atomically in one call. Each key is a sorted set of the request's admission times
-- (milliseconds, from the application's clock) within the last window.
--
-- KEYS[i]            one counter per limit (all in one hash slot: they share a hash tag)
-- ARGV[1]            now, epoch milliseconds
-- ARGV[2]            a member unique to this request (several requests may share a millisecond);
--                    empty to only look: decide, record nothing
-- ARGV[2i+1], [2i+2] limit and window (ms) of KEYS[i]
--
-- A request is admitted only if every counter has room; then it is recorded in every
-- counter, else in none (a refused request consumes nothing). An entry admitted at t
-- counts while now < t + window.
--
-- Returns { allowed (1/0), retry-after ms (0 when allowed), then per key: remaining, reset ms }
-- where reset is the time until that counter next gains room.
local now = tonumber(ARGV[1])
local member = ARGV[2]
local counts = {}
local allowed = 1
local retry = 0

for i = 1, #KEYS do
	local limit = tonumber(ARGV[2 * i + 1])
	local window = tonumber(ARGV[2 * i + 2])
	redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
	local count = redis.call('ZCARD', KEYS[i])
	counts[i] = count
	if count >= limit then
		allowed = 0
		-- room comes back when the entry at rank (count - limit) leaves the window
		local entry = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
		local wait = tonumber(entry[2]) + window - now
		if wait > retry then
			retry = wait
		end
	end
end

local result = { allowed, retry }
for i = 1, #KEYS do
	local limit = tonumber(ARGV[2 * i + 1])
	local window = tonumber(ARGV[2 * i + 2])
	local count = counts[i]
	if allowed == 1 and member ~= '' then
		redis.call('ZADD', KEYS[i], now, member)
		redis.call('PEXPIRE', KEYS[i], window)
		count = count + 1
	end
	local reset = window
	if count > 0 then
		local rank = math.max(count - limit, 0)
		local entry = redis.call('ZRANGE', KEYS[i], rank, rank, 'WITHSCORES')
		reset = tonumber(entry[2]) + window - now
	end
	result[#result + 1] = math.max(limit - count, 0)
	result[#result + 1] = reset
end
return result
