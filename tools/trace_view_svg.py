def render(*a): raise NotImplementedError
