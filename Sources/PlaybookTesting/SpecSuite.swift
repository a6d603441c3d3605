import Foundation

/// `wholesale test`: finds the spec files, runs them (`jobs` at a time) and reports.
package enum SpecSuite {
    /// Runs the specs `paths` name; missing paths are file problems (exit 2).
    package static func run(paths: [String], options: SpecFileRunner.Options, jobs: Int) async -> SpecReport {
        let started = ContinuousClock.now
        let (files, missing) = SpecPaths.specs(paths)
        var results = missing.map { path -> SpecFileResult in
            var result = SpecFileResult(file: path)
            result.problems = ["\(path): no such file or folder"]
            result.compileError = true
            return result
        }
        var ordered = [SpecFileResult?](repeating: nil, count: files.count)
        await withTaskGroup(of: (Int, SpecFileResult).self) { group in
            var next = 0
            func start() {
                guard next < files.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await SpecFileRunner(file: files[index], options: options).run()) }
            }
            for _ in 0..<max(1, jobs) { start() }
            while let (index, result) = await group.next() {
                ordered[index] = result
                start()
            }
        }
        results += ordered.compactMap { $0 }
        return SpecReport(files: results, seed: options.seed, seconds: SpecFileRunner.elapsed(since: started))
    }
}
