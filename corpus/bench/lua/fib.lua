-- Lua 5.4 twin of corpus/bench/fib.veld: same algorithm, same size argument, same output line.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local function fib_reference(n)
  local a, b = 0, 1
  for _ = 1, n do a, b = b, a + b end
  return a
end

local n = tonumber(arg[1]) or 22
local result = fib(n)
assert(result == fib_reference(n), "fib: wrong result")
print(string.format("fib(%d) = %d", n, result))
