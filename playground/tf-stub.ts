// Stands in for @tensorflow/tfjs in the browser bundle. The playground trains with the package's
// float64 engine only; the activations' TF.js ops (float32 training) are never called here, so
// each op name the activation modules reference throws if it ever is.
function unavailable(name: string) {
  return (): never => {
    throw new Error(`tf.${name}: TensorFlow.js is not bundled in the playground (float64 engine only)`);
  };
}
export const abs = unavailable("abs"), add = unavailable("add"), div = unavailable("div"), erf = unavailable("erf");
export const exp = unavailable("exp"), minimum = unavailable("minimum"), mul = unavailable("mul"), neg = unavailable("neg");
export const pow = unavailable("pow"), relu = unavailable("relu"), sigmoid = unavailable("sigmoid"), sin = unavailable("sin");
export const softplus = unavailable("softplus"), square = unavailable("square"), step = unavailable("step"), sub = unavailable("sub");
export const tanh = unavailable("tanh"), tidy = unavailable("tidy");
