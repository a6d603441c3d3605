import Foundation
import Synchronization

/// What a run under test leaves for the next one to resume (`state = r.state`): the simulator
/// it talked to, and the folder that holds its journal and the files it wrote.
final class SpecWorld: Sendable {
    /// The simulator, shared by every run of this world.
    let simulator: SpecSimulator
    /// The folder of the journal and the overlay.
    let folder: String

    /// A world on `simulator` in `folder`.
    init(simulator: SpecSimulator, folder: String) {
        self.simulator = simulator
        self.folder = folder
    }

    /// The journal's file.
    var journalPath: String { folder + "/journal.sqlite" }
    /// The folder in front of the playbook's files.
    var overlay: String { folder + "/files" }
}

/// The simulators and worlds one spec file made, by the handles Lua holds, and where their
/// folders go.
final class SpecHandles: Sendable {
    private struct State {
        var simulators: [Int64: SpecSimulator] = [:]
        var worlds: [Int64: SpecWorld] = [:]
        var next: Int64 = 1
        var folders = 0
    }

    private let state = Mutex(State())
    /// The folder every world of the file lives under (removed when the file is done).
    let root: String

    /// Handles whose worlds live under `root`.
    init(root: String) { self.root = root }

    /// Keeps `simulator`; returns its handle.
    func keep(_ simulator: SpecSimulator) -> Int64 {
        state.withLock { state in
            defer { state.next += 1 }
            state.simulators[state.next] = simulator
            return state.next
        }
    }

    /// Keeps `world`; returns its handle.
    func keep(_ world: SpecWorld) -> Int64 {
        state.withLock { state in
            defer { state.next += 1 }
            state.worlds[state.next] = world
            return state.next
        }
    }

    /// The simulator of a handle.
    func simulator(_ handle: Int64) -> SpecSimulator? { state.withLock { $0.simulators[handle] } }

    /// The world of a handle.
    func world(_ handle: Int64) -> SpecWorld? { state.withLock { $0.worlds[handle] } }

    /// A new, empty folder under `root`.
    func newFolder() -> String {
        let number = state.withLock { state -> Int in
            state.folders += 1
            return state.folders
        }
        let folder = root + "/world-\(number)"
        try? FileManager.default.createDirectory(atPath: folder + "/files", withIntermediateDirectories: true)
        return folder
    }
}
