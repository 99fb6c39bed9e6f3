export async function run(): Promise<void> {
  // wired in the engine commit
}
