// System.Threading.ExecutionContext comes in with the implicit usings; Veld's is the one meant here.
global using ExecutionContext = Veld.Runtime.ExecutionContext;
