-- RFC 7662 introspection of one access token by a configured service client.
-- Arguments after "--": the Basic credentials (base64) and the token.
dofile("src/bench/report.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

function init(args)
	wrk.headers["Authorization"] = "Basic " .. args[1]
	wrk.body = "token=" .. args[2]
end
