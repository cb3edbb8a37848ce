-- Appends one message received on a gateway channel to the channel's history stream, once, however many
-- Bulwark instances received it: the first caller adds it, the others get the same id back.
-- KEYS[1] history stream   bulwark:history:{<channel>}
-- KEYS[2] epoch            bulwark:epoch:{<channel>}
-- KEYS[3] seen marker      bulwark:seen:{<channel>}:<sha1 of the payload>
-- ARGV[1] payload, ARGV[2] approximate MAXLEN, ARGV[3] a new epoch if none exists, ARGV[4] marker TTL (s)
-- RedisHistory.PUBLISH is this script plus PUBLISH ARGV[5] ARGV[1] before the return.
local epoch = redis.call('GET', KEYS[2])
if not epoch then
  redis.call('SET', KEYS[2], ARGV[3])
  epoch = ARGV[3]
end
local id = redis.call('GET', KEYS[3])
if not id then
  id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'm', ARGV[1])
  redis.call('SET', KEYS[3], id, 'EX', ARGV[4])
end
return {id, epoch}
