-- Token bucket (greedy refill), GCRA and leaky-bucket meter share one exact form: the scaled "debt"
-- (capacity minus balance == TAT minus now == bucket level), draining at R units per microsecond,
-- where one token is P units. Time comes from the server (TIME), never from the client.
-- KEYS[1] state hash; ARGV: capacity, P, R, cost, commit(1|0)
-- returns {allowed, remaining, retry_after_us, reset_after_us}
local key = KEYS[1]
local cap, P, R = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local cost, commit = tonumber(ARGV[4]), ARGV[5] == '1'
local capS = cap * P
local tm = redis.call('TIME')
local now = tonumber(tm[1]) * 1000000 + tonumber(tm[2])
local st = redis.call('HMGET', key, 'd', 't')
local debt = tonumber(st[1]) or 0
local last = tonumber(st[2]) or now
local behind = 0
if now > last then
  local e = now - last
  -- compare before multiplying: months of idle time cannot overflow the exact range
  if e >= math.ceil(debt / R) then debt = 0 else debt = debt - e * R end
  last = now
else
  behind = last - now
end
local need = cost * P
local allowed, retry = 0, 0
if debt + need <= capS then
  allowed = 1
  if commit then debt = debt + need end
else
  retry = math.ceil((debt + need - capS) / R) + behind
end
local reset = math.ceil(debt / R) + behind
if commit then
  if debt == 0 then
    redis.call('DEL', key)
  else
    redis.call('HSET', key, 'd', string.format('%.0f', debt), 't', string.format('%.0f', last))
    redis.call('PEXPIRE', key, math.ceil(reset / 1000) + 1000)
  end
end
return {allowed, math.floor((capS - debt) / P), retry, reset}
