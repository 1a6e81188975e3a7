package stix

import "strconv"

// Builder assembles a JSON object member by member, in the order written,
// for the objects dossier makes. Methods that add lists skip empty ones,
// which STIX forbids as property values.
type Builder struct{ v Value }

// NewBuilder returns a Builder of an empty object.
func NewBuilder() *Builder { return &Builder{v: Value{Kind: KindObject}} }

// NewBuilderSize returns a Builder of an empty object with room for n
// members: an object of a known shape gets its members without the
// copies of a growing slice.
func NewBuilderSize(n int) *Builder {
	return &Builder{v: Value{Kind: KindObject, Members: make([]Member, 0, n)}}
}

// Str adds a string member.
func (b *Builder) Str(name, s string) *Builder { return b.Val(name, StringValue(s)) }

// StrIf adds a string member when s is not empty.
func (b *Builder) StrIf(name, s string) *Builder {
	if s == "" {
		return b
	}
	return b.Str(name, s)
}

// Int adds an integer member.
func (b *Builder) Int(name string, n int) *Builder {
	return b.Val(name, Value{Kind: KindNumber, Str: strconv.Itoa(n)})
}

// Bool adds a boolean member.
func (b *Builder) Bool(name string, x bool) *Builder { return b.Val(name, BoolValue(x)) }

// Val adds a member.
func (b *Builder) Val(name string, v Value) *Builder {
	b.v.Members = append(b.v.Members, Member{Name: name, Value: v})
	return b
}

// Strs adds a list of strings, unless it is empty.
func (b *Builder) Strs(name string, ss []string) *Builder {
	if len(ss) == 0 {
		return b
	}
	return b.Val(name, StringList(ss...))
}

// List adds a list of values, unless it is empty.
func (b *Builder) List(name string, items []Value) *Builder {
	if len(items) == 0 {
		return b
	}
	return b.Val(name, Value{Kind: KindArray, Items: items})
}

// NonEmpty adds v unless it is nil, null, or an empty list or object.
func (b *Builder) NonEmpty(name string, v *Value) *Builder {
	if v == nil || v.Kind == KindNull ||
		v.Kind == KindArray && len(v.Items) == 0 ||
		v.Kind == KindObject && len(v.Members) == 0 {
		return b
	}
	return b.Val(name, *v)
}

// Value returns the object built so far.
func (b *Builder) Value() Value { return b.v }

// Object returns the built object as an Object.
func (b *Builder) Object() *Object { return NewObject(b.v, nil) }
