-- GET with a bearer token: forward auth (/v1/edge/verify), a routed request, or any
-- bearer endpoint. Usage: wrk ... -s src/bench/bearer.lua URL -- ACCESS_TOKEN
function init(args)
	wrk.headers["Authorization"] = "Bearer " .. args[1]
end

local reported = false

function response(status, headers, body)
	if status ~= 200 and not reported then
		reported = true
		print("request failed: " .. status .. " " .. body)
	end
end
