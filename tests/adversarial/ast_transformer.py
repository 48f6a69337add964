# An AST transformer that empties every later cell before it runs, next to a wrong answer.
# expect: flagged
# reason: get_ipython
# protection: kernel
import ast
class Nothing(ast.NodeTransformer):
    def visit_Module(self, node):
        node.body = [ast.Pass()]
        return node
get_ipython().ast_transformers.append(Nothing())
def double(x):
    return x
