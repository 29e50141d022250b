/// The GANPort release: printed by `ganport --version` and recorded in the files GANPort writes
/// (converted checkpoints' metadata, fine-tuning snapshots and run records).
public enum GANPortVersion {
    public static let current = "0.2.0"
}
