-- One refresh chain per wrk thread (run with as many connections as threads): each
-- response's successor token is presented by the next request, as a real client would.
-- Tokens come after "--", one per thread.
dofile("src/bench/report.lua")
local counter = 0

function setup(thread)
	counter = counter + 1
	thread:set("id", counter)
end

function init(args)
	token = args[id]
end

function request()
	return wrk.format("POST", "/v1/auth/refresh", { ["Content-Type"] = "application/json" },
		'{"refreshToken":"' .. token .. '"}')
end

function response(status, headers, body)
	local next = body:match('"refreshToken":"([^"]+)"')
	if next then
		token = next
	else
		io.stderr:write("refresh failed: " .. status .. " " .. body .. "\n")
	end
end
