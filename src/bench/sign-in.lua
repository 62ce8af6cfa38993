-- Sign-in with a correct password (Argon2id verification dominates). Email after "--".
dofile("src/bench/report.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function init(args)
	wrk.body = '{"email":"' .. args[1] .. '","password":"correct horse battery staple","tokenDelivery":"body"}'
end

local reported = false

function response(status, headers, body)
	if status ~= 200 and not reported then
		reported = true
		io.stderr:write("sign-in failed: " .. status .. " " .. body .. "\n")
	end
end
