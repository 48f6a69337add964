"""What notebooks import: data generators (`dna`), checks with helpful failure
messages (`checks`), the toy decoders of beam_search (`decoding`) and the blank-by-blank
grading of backprop (`blanks`). It holds no reference solutions: anything a student can
import, a student can read. The instructor's side (grading, sandbox, reports) is the
`grading` package."""
