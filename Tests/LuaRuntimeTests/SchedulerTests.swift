import LuaRuntime
import Testing

@Suite struct SchedulerTests {
    @Test func thousandCoroutinesSleepAtOnce() async throws {
        let result = await evaluateOnLuaThread("""
            local items, asleep, most = {}, 0, 0
            for i = 1, 1000 do items[i] = i end
            local results, failures = host.parallel(items, function(x)
              asleep = asleep + 1
              if asleep > most then most = asleep end
              host.sleep(0.1)
              asleep = asleep - 1
              return x * 2
            end, { concurrency = 1000 })
            return #results, results[1000], #failures, most
            """)
        #expect(try result.get() == [.integer(1000), .integer(2000), .integer(0), .integer(1000)])
    }

    @Test func parallelCollectsFailuresInOrderAndKeepsGoing() async throws {
        let result = await evaluateOnLuaThread("""
            local results, failures = host.parallel({ 'a', 'b', 'c', 'd' }, function(x, i)
              if i % 2 == 0 then error({ code = i }) end
              return x .. i
            end, { concurrency = 2 })
            return results[1], results[2], results[3], #failures, failures[1].index, failures[1].item, failures[2].error.code
            """)
        #expect(try result.get() == [.string("a1"), nil, .string("c3"), .integer(2), .integer(2), .string("b"), .integer(4)])
    }

    @Test func parallelRespectsConcurrency() async throws {
        let result = await evaluateOnLuaThread("""
            local running, most = 0, 0
            local items = {}
            for i = 1, 20 do items[i] = i end
            host.parallel(items, function()
              running = running + 1
              if running > most then most = running end
              host.sleep(0.01)
              running = running - 1
            end, { concurrency = 3 })
            return most
            """)
        #expect(try result.get() == [.integer(3)])
    }

    @Test func parallelChecksItsArguments() async throws {
        let result = await evaluateOnLuaThread("host.parallel({1}, print, { concurrency = 0 })")
        if case .failure(let error) = result {
            #expect(error.message.contains("bad argument #3 to 'wholesale.parallel' (concurrency must be a whole number of at least 1)"))
        } else {
            Issue.record("expected an error")
        }
    }

    @Test func cooperativeYieldAtTopLevelLetsOthersRun() async throws {
        let result = await evaluateOnLuaThread("""
            local log = {}
            host.parallel({1, 2}, function(x)
              for step = 1, 2 do log[#log + 1] = x .. ':' .. step coroutine.yield() end
            end)
            return table.concat(log, ' ')
            """)
        #expect(try result.get() == [.string("1:1 2:1 1:2 2:2")])
    }

    @Test func tryAlwaysGivesATable() async throws {
        let result = await evaluateOnLuaThread("""
            local ok, err = host.try(error, 'plain')
            local ok2, a, b = host.try(function() return 1, 2 end)
            return ok, err.kind, err.message, ok2, a, b
            """)
        #expect(try result.get() == [.boolean(false), .string("lua"), .string("plain"), .boolean(true), .integer(1), .integer(2)])
    }

    @Test func collectDrainsAnIterator() async throws {
        let result = await evaluateOnLuaThread("""
            local t = host.collect(ipairs({ 'a', 'b' }))
            return #t, t[1], t[2]
            """)
        #expect(try result.get() == [.integer(2), .integer(1), .integer(2)])
    }

    @Test func scriptsCannotResumeWhatTheSchedulerRuns() async throws {
        let result = await evaluateOnLuaThread("""
            local main = coroutine.running()
            local _, failures = host.parallel({ 1 }, function() coroutine.resume(main, true) end)
            local waiting = coroutine.wrap(function() host.sleep(0.05) return 'slept' end)
            local _, more = host.parallel({ 1, 2 }, function(i)
              if i == 1 then return waiting() end
              host.sleep(0.01)
              return waiting()
            end)
            return #failures, tostring(failures[1].error):match('cannot resume a coroutine that wholesale is running') ~= nil,
              #more, tostring(more[1] and more[1].error):match('cannot resume') ~= nil
            """)
        #expect(try result.get() == [.integer(1), .boolean(true), .integer(1), .boolean(true)])
    }

    @Test func aCoroutineThatKeepsYieldingDoesNotStarveSleepers() async throws {
        let result = await evaluateOnLuaThread("""
            local done = false
            host.parallel({ 1, 2 }, function(i)
              if i == 1 then while not done do coroutine.yield() end
              else host.sleep(0.05) done = true end
            end)
            return done
            """, configuration: .init(timeLimit: 10))
        #expect(try result.get() == [.boolean(true)])
    }
}
