-- Publishes one message the way gateway instances share them (PUBLISH <channel> <payload>), after adding it to
-- the channel's history stream exactly as ingest.lua does, so a message published while no Bulwark instance is
-- running is still there for recovering clients, and the instances that receive it agree on its offset.
-- KEYS and ARGV as in ingest.lua, plus ARGV[5] = the pub/sub channel.
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
redis.call('PUBLISH', ARGV[5], ARGV[1])
return {id, epoch}
