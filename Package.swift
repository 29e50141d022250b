// swift-tools-version:5.10
import PackageDescription
import Foundation

/// Optional CPU tuning for the numeric targets, opt-in only: an AVX-512 build crashes on CPUs
/// without it. `GANPORT_TARGET_CPU=native swift build -c release` enables it.
let cpuFlags: [SwiftSetting] = {
    guard let cpu = ProcessInfo.processInfo.environment["GANPORT_TARGET_CPU"], !cpu.isEmpty else { return [] }
    return [.unsafeFlags(["-target-cpu", cpu])]
}()

let package = Package(
    name: "GANPort",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "GANPortFormats", targets: ["GANPortFormats"]),
        .library(name: "GANPortTensor", targets: ["GANPortTensor"]),
        .library(name: "GANPortModels", targets: ["GANPortModels"]),
        .library(name: "GANPortTraining", targets: ["GANPortTraining"]),
        .executable(name: "ganport", targets: ["ganport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C libraries, reached through tiny system-library shims.
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CFileCopy", path: "Sources/CFileCopy"),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG"),

        // Formats: readers and writers of checkpoint files. No tensor math.
        .target(
            name: "GANPortFormats",
            dependencies: [
                "CHDF5", "CZlib", "CFileCopy", "CJPEG",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // Tensor engine: NCHW tensors, reverse-mode autodiff (any order), BLAS-backed convolutions, NVIDIA ops.
        .target(name: "GANPortTensor", dependencies: ["GANPortFormats", "COpenBLAS"], swiftSettings: cpuFlags),

        // Models: StyleGAN2-ADA networks with the official state-dict keys, loading and golden parity.
        .target(name: "GANPortModels", dependencies: ["GANPortTensor", "GANPortFormats"], swiftSettings: cpuFlags),

        // Training: losses, optimizer, augmentation and the fine-tuning loop.
        .target(name: "GANPortTraining", dependencies: ["GANPortModels", "GANPortTensor", "GANPortFormats"], swiftSettings: cpuFlags),

        // Command-line interface (library, so tests can drive the commands).
        .target(
            name: "GANPortCLI",
            dependencies: [
                "GANPortFormats", "GANPortTensor", "GANPortModels", "GANPortTraining",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "ganport", dependencies: ["GANPortCLI"]),

        .testTarget(
            name: "GANPortFormatsTests",
            dependencies: ["GANPortFormats", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "GANPortCLITests", dependencies: ["GANPortCLI", "GANPortFormats"]),
        .testTarget(name: "GANPortTensorTests", dependencies: ["GANPortTensor"]),
        .testTarget(name: "GANPortModelsTests", dependencies: ["GANPortModels"]),
        .testTarget(name: "GANPortTrainingTests", dependencies: ["GANPortTraining", "GANPortModels", "GANPortTensor", "GANPortFormats"]),
    ]
)
