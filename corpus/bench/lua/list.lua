-- Lua 5.4 twin of corpus/bench/list.veld (Are We Fast Yet? "List"). The empty list is nil.
local function make_list(length)
  if length == 0 then return nil end
  return { val = length, next = make_list(length - 1) }
end

local function list_length(list)
  if list.next == nil then return 1 end
  return 1 + list_length(list.next)
end

local function is_shorter_than(x, y)
  local x_tail, y_tail = x, y
  while y_tail ~= nil do
    if x_tail == nil then return true end
    x_tail = x_tail.next
    y_tail = y_tail.next
  end
  return false
end

local function tail(x, y, z)
  if is_shorter_than(y, x) then
    return tail(tail(x.next, y, z), tail(y.next, z, x), tail(z.next, x, y))
  end
  return z
end

local function benchmark()
  return list_length(tail(make_list(15), make_list(10), make_list(6)))
end

local n = tonumber(arg[1]) or 3
local length = 0
for _ = 1, n do
  length = benchmark()
  assert(length == 10, "list: wrong length")
end
print(string.format("list x%d: length %d", n, length))
